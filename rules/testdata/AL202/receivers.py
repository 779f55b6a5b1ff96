from typing import Optional, Union

import httpx
import httpx2
import urllib3

module_client = httpx.Client()
maybe_client: Optional[httpx2.Client] = None


async def httpx2_calls(url):
    httpx2.get(url)  # want: AL202 "httpx2.AsyncClient"
    httpx2.request("GET", url)  # want: AL202
    client = httpx2.Client()
    client.post(url)  # want: AL202 "httpx2.Client.post"
    client.close()  # want: AL202 "httpx2.Client.close"
    client.build_request("GET", url)
    async with httpx2.AsyncClient() as ac:
        await ac.get(url)


async def annotations(a: Optional[httpx.Client], b: Union[None, httpx.Client], c: None | httpx2.Client, url):
    a.get(url)  # want: AL202 "httpx.Client.get"
    b.send(url)  # want: AL202
    c.stream("GET", url)  # want: AL202
    local: httpx.Client = make_client()
    local.close()  # want: AL202 "httpx.Client.close"
    module_client.get(url)  # want: AL202
    maybe_client.get(url)  # want: AL202


async def unpacked(url):
    (first, second) = (httpx.Client(), urllib3.PoolManager())
    first.get(url)  # want: AL202
    second.request("GET", url)  # want: AL202
    one, rest = httpx.Client(), make_client()
    rest.get(url)


async def not_a_client(x: Union[httpx.Client, int], url):
    x.get(url)


def make_client(): ...
