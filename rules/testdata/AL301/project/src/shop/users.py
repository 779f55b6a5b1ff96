from shop.base import Repository, refresh


class Users(Repository):
    @staticmethod
    def insert_txn(txn, sql):
        txn.execute(sql)

    async def save(self, sql):
        self.execute(sql)  # want: AL301 "`self.execute(...)` creates a coroutine"
        await self.execute(sql)
        for row in self.rows():  # want: AL305
            print(row)
        if refresh():  # want: AL303
            pass


def sync_caller():
    refresh()  # want: AL301 "run it with `asyncio.run`"
    pending = refresh()  # want: AL302
