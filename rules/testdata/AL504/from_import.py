from asyncio import new_event_loop

from app import main

loop = new_event_loop()
loop.run_until_complete(main())  # want: AL504
loop.close()
