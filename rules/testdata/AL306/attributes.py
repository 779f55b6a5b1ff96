import aiohttp
import httpx


async def fetch():
    return {}


async def handler(session: aiohttp.ClientSession, client: httpx.AsyncClient, url):
    data = fetch().json  # want: AL306 "`fetch().json` reads `json` from the coroutine object"
    item = fetch()["k"]  # want: AL306 "`fetch()[...]` subscripts the coroutine object"
    status = session.get(url).status  # want: AL306
    body = client.get(url).json()  # want: AL306
    text = (await session.get(url)).text
    name = fetch().__name__
    fetch().close()
    wrapped = (fetch()).json  # want: AL306
    return data, item, status, body, text, name, wrapped


async def local():
    c = fetch()  # want: AL302
    print(c.result)  # want: AL306 "`c.result` reads `result`"


async def local_used_twice():
    c = fetch()  # want: AL302
    print(c["a"], c["b"])  # want: AL306 AL306


async def local_awaited():
    c = fetch()
    print(c.cr_running)
    return await c


def sync_code():
    return fetch().json  # want: AL306


callback = lambda: fetch().json  # want: AL306


class Api:
    async def get(self):
        return {}

    async def run(self):
        return self.get().body  # want: AL306


async def shadowed(fetch):
    return fetch().json
