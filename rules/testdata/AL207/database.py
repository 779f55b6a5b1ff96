import sqlite3

import aiosqlite
import psycopg2
import pymongo
import redis
import redis.asyncio as aioredis


async def sqlite(path):
    conn = sqlite3.connect(path)  # want: AL207 "aiosqlite"
    cur = conn.cursor()
    cur.execute("select 1")  # want: AL207 "sqlite3.Cursor.execute"
    cur.fetchall()  # want: AL207
    conn.execute("select 1").fetchone()  # want: AL207 AL207
    conn.commit()  # want: AL207
    with sqlite3.connect(path) as c2:  # want: AL207
        c2.execute("select 1")  # want: AL207


async def postgres(dsn):
    conn = psycopg2.connect(dsn)  # want: AL207
    with conn.cursor() as cur:
        cur.execute("select 1")  # want: AL207


async def caches():
    r = redis.Redis()
    r.get("k")  # want: AL207 "redis.Redis.get"
    ar = aioredis.Redis()
    await ar.get("k")
    client = pymongo.MongoClient()
    client.db.users.find_one({})  # want: AL207
    client["db"]["users"].insert_one({})  # want: AL207


async def fine(path):
    async with aiosqlite.connect(path) as db:
        await db.execute("select 1")
