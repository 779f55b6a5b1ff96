from . import files


def load_config(path="shop.json"):
    return files.load_file(path)


def defaults():
    return files.parse("{}")
