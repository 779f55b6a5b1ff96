# Not importable (the dash): its own functions go by their names.
def report():
    return 0


async def main():
    report()  # want: AL209 "`await report_async()`"
