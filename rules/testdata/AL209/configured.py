# analysistest: blocking=mylib.fetch_sync:use_mylib.fetch allow=os.path
import os

import mylib
from mylib import fetch_sync


async def handler():
    mylib.fetch_sync()  # want: AL209 "use_mylib.fetch"
    fetch_sync()  # want: AL209
    os.path.exists("x")  # allowed by the configuration
    mylib.other()
