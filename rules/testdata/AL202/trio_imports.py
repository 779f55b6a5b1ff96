"""The imports the fix adds each go to their own section."""
import requests
from trio import sleep_forever


async def fetch(url):
    requests.get(url, timeout=5)  # want: AL202
    await sleep_forever()
