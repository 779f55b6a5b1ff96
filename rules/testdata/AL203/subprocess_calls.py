import asyncio
import os
import subprocess
from subprocess import check_output


async def run():
    subprocess.run(["make"], check=True)  # want: AL203 "asyncio.create_subprocess_exec"
    check_output(["git", "status"])  # want: AL203
    os.system("ls")  # want: AL203
    os.waitpid(1, 0)  # want: AL203
    proc = subprocess.Popen(["sleep", "1"])  # want: AL203
    proc.wait()  # want: AL203 "subprocess.Popen.wait"
    proc.communicate()  # want: AL203
    ok = await asyncio.create_subprocess_exec("ls")
    await ok.wait()
    await asyncio.to_thread(subprocess.run, ["make"])


def sync():
    subprocess.run(["make"])
