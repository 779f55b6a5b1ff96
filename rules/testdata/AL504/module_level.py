import asyncio as aio

from app import main

if __name__ == "__main__":
    loop = aio.new_event_loop()
    try:
        loop.run_until_complete(main())  # want: AL504
    finally:
        loop.close()
