import contextlib

from client.errors import held, logged, request_context, timed


@contextlib.contextmanager
def mapped_errors():
    try:
        yield
    except (KeyError, ValueError) as exc:
        raise RuntimeError(str(exc)) from exc


class Response:
    def __init__(self, request, raw):
        self.request = request
        self.raw = raw

    async def chunks(self):
        # Translating the errors of the block leaves nothing to clean up.
        with request_context(self.request):
            async for chunk in self.raw:
                yield chunk

    async def parts(self):
        with mapped_errors(), request_context(self.request):
            async for part in self.raw:
                yield part

    async def timed_chunks(self, clock):
        with timed(clock):
            async for chunk in self.raw:
                yield chunk  # want: AL604 "`yield` inside a `with` block"

    async def logged_chunks(self, log):
        with logged(log):
            async for chunk in self.raw:
                yield chunk  # want: AL604 "`yield` inside a `with` block"

    async def locked_chunks(self, lock):
        with held(lock):
            async for chunk in self.raw:
                yield chunk  # want: AL604 "`yield` inside a `with` block"

    async def chunks_in_a_span(self, tracer):
        with tracer.span(), request_context(self.request):
            async for chunk in self.raw:
                yield chunk  # want: AL604 "`yield` inside a `with` block"
