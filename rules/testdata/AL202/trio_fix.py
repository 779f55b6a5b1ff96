import requests
import trio


async def fetch(url):
    requests.get(url, timeout=5)  # want: AL202
    requests.get(url)  # want: AL202
