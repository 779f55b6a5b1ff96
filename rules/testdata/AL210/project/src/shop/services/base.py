from ..files import load_file


class Repository:
    def load(self):
        return load_file("data.json")

    async def fetch(self, key):
        return key
