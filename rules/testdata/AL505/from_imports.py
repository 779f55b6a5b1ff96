from asyncio import Task


def tasks():
    return Task.all_tasks()  # want: AL505 "`asyncio.Task.all_tasks()`"
