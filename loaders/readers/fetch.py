"""Fetching a URL politely and safely enough: http(s) only, a time limit, a size cap, few redirects, our name.

Why httpx and not trafilatura's own fetcher: the cap has to hold while the body arrives (a 50 MB page is cut at
the cap, never read whole), the time limit has to hold for the whole download (a server that drips a byte a
second passes every per-read timeout), and every failure has to become one sentence naming the URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

import httpx

from loaders.documents import DocumentError

# the default of PEACEGRAPH_USER_AGENT (app/settings.py)
DEFAULT_USER_AGENT = "peacegraph/0.1 (news position research; set PEACEGRAPH_USER_AGENT to add a contact)"
CHUNK = 64 * 1024


class FetchError(DocumentError):
    """A URL that could not be fetched (network, HTTP status, limits): the message names it and says why."""


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0  # seconds, for the whole download
    max_bytes: int = 10_000_000
    user_agent: str = DEFAULT_USER_AGENT
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    requested: str  # the URL as asked for, without its fragment
    url: str  # where it was found, after redirects
    content_type: str  # the media type, lower case, without parameters ('' when the server gave none)
    charset: str | None
    body: bytes
    day: dt.date  # when it was fetched (UTC)


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


def url_id(url: str) -> str:
    """The document id of an article by its URL (fragment dropped): `web_` and 16 hex digits of its sha256. The
    same for `peacegraph load URL`, a feed item and a dump row with that URL, so one article is one document."""
    return "web_" + hashlib.sha256(urldefrag(url.strip())[0].encode("utf-8", "surrogatepass")).hexdigest()[:16]


def check_url(url: str) -> str:
    """The URL without its fragment, or a FetchError for anything but an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only absolute http:// and https:// URLs are fetched")
    return urldefrag(url)[0]


def fetch(url: str, options: FetchOptions, accept: str = "text/html,application/xhtml+xml,application/pdf;q=0.9,"
                                                           "text/plain;q=0.8,*/*;q=0.5") -> Fetched:
    """GET `url`; the body is read up to `options.max_bytes` (decompressed), within `options.timeout` seconds."""
    requested = check_url(url)
    deadline = time.monotonic() + options.timeout
    headers = {"User-Agent": options.user_agent, "Accept": accept}
    try:
        with httpx.Client(follow_redirects=True, max_redirects=options.max_redirects, timeout=options.timeout,
                          headers=headers) as client, client.stream("GET", requested) as response:
            if response.status_code >= 400:
                raise FetchError(f"{requested}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(f"{requested}: the page has {int(declared):,} bytes, over the limit of "
                                 f"{options.max_bytes:,} (PEACEGRAPH_FETCH_MAX_BYTES)")
            body = bytearray()
            for chunk in response.iter_bytes(CHUNK):
                body += chunk
                if len(body) > options.max_bytes:
                    raise FetchError(f"{requested}: the page is over the limit of {options.max_bytes:,} bytes "
                                     "(PEACEGRAPH_FETCH_MAX_BYTES); stopped reading")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the whole download took too long")
            media = response.headers.get("content-type", "")
            final = str(response.url)
            charset = response.charset_encoding
    except httpx.TimeoutException:
        raise FetchError(f"{requested}: no complete answer within {options.timeout:g} s "
                         "(PEACEGRAPH_FETCH_TIMEOUT_MS)") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"{requested}: more than {options.max_redirects} redirects") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"{requested}: redirected to a URL that is not http(s) ({exc})") from None
    except httpx.HTTPError as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise FetchError(f"{requested}: cannot fetch ({reason})") from None
    return Fetched(requested=requested, url=final, content_type=media.split(";")[0].strip().lower(),
                   charset=charset, body=bytes(body), day=dt.datetime.now(dt.UTC).date())
