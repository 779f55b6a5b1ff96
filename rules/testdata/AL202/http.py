import asyncio
import http.client
import urllib.request
from urllib.request import urlopen

import aiohttp
import httpx
import requests
import urllib3

shared = requests.Session()


async def functions(url):
    requests.get(url)  # want: AL202 "`requests.get` blocks the event loop"
    requests.post(url, json={})  # want: AL202
    urlopen(url)  # want: AL202 "urllib.request.urlopen"
    urllib.request.urlopen(url)  # want: AL202
    httpx.get(url)  # want: AL202 "httpx.AsyncClient"
    urllib3.request("GET", url)  # want: AL202


async def sessions(url):
    session = requests.Session()
    session.get(url)  # want: AL202 "requests.Session.get"
    shared.post(url)  # want: AL202
    with requests.Session() as s:
        s.get(url)  # want: AL202
    pool = urllib3.PoolManager()
    pool.request("GET", url)  # want: AL202
    conn = http.client.HTTPSConnection("example.com")
    conn.request("GET", "/")  # want: AL202
    conn.getresponse().read()  # want: AL202 AL202


async def annotated(client: httpx.Client, maybe: httpx.Client | None, url):
    client.get(url)  # want: AL202 "httpx.Client.get"
    maybe.get(url)  # want: AL202


async def not_blocking(url, client, loop):
    async with httpx.AsyncClient() as ac:
        await ac.get(url)
    async with aiohttp.ClientSession() as session:
        await session.get(url)
    client.get(url)  # unknown receiver: a method name alone is not enough
    await asyncio.to_thread(requests.get, url)
    await loop.run_in_executor(None, requests.get, url)
    await loop.run_in_executor(None, lambda: requests.get(url))

    def worker():
        return requests.get(url)

    return worker


async def shadowed(requests, url):
    requests.get(url)


def sync_code(url):
    requests.get(url)
