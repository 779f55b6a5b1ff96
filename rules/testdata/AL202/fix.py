import aiohttp
import requests


async def fetch(url, session: requests.Session, client: aiohttp.ClientSession):
    requests.get(url, timeout=5)  # want: AL202
    data = session.get(url).json()  # want: AL202
    requests.get(  # want: AL202
        url,  # the address
        timeout=5,
    )
    with requests.get(url, stream=True) as r:  # want: AL202
        return r, data
