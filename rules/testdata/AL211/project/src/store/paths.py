import json
import os


def exists(path):
    return os.path.exists(path)


def load(path):
    with open(path) as f:
        return json.load(f)
