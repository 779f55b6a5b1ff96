class Repository:
    async def execute(self, sql):
        return sql

    async def rows(self):
        yield 1


async def refresh():
    pass
