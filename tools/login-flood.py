"""Bursts of concurrent logins (unknown names: each costs an Argon2 hash) against a running
inzage, printing the server's RSS and peak (from /proc) after each burst: the check of security
review M2 that a flood of logins does not leave memory behind.

usage: python3 tools/login-flood.py BASE_URL SERVER_PID BURSTS SIZE
  e.g. python3 tools/login-flood.py http://127.0.0.1:8095 "$(pgrep -f 'port 8095')" 3 200"""
import sys, time, re, urllib.request, urllib.parse, http.cookiejar, concurrent.futures, collections
base, pid, bursts, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def rss():
    s = open(f"/proc/{pid}/status").read()
    g = lambda k: int(re.search(k + r":\s+(\d+)", s).group(1)) // 1024
    return g("VmRSS"), g("VmHWM")
page = urllib.request.urlopen(base + "/login")
cookie = page.headers["Set-Cookie"].split(";")[0]
csrf = cookie.split("=", 1)[1]
def login(i):
    body = urllib.parse.urlencode({"csrf": csrf, "name": f"flood-{i}", "password": "not the password!!"}).encode()
    req = urllib.request.Request(base + "/login", data=body, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        return urllib.request.urlopen(req, timeout=60).status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception as e:
        return type(e).__name__
print("start RSS/peak MiB", rss())
n = 0
for b in range(bursts):
    with concurrent.futures.ThreadPoolExecutor(size) as ex:
        codes = collections.Counter(ex.map(login, range(n, n + size)))
    n += size
    time.sleep(2)
    print(f"burst {b+1}: {dict(codes)} RSS/peak MiB", rss(), flush=True)
