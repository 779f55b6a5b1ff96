import time


def warm():
    time.sleep(5)
