"""Weather for the side column: fetched by refresh_weather, never by a page.

One request to the Open-Meteo forecast API brings the current conditions of every
place. Each answer is checked; a bad one is logged and skipped, so the last good
reading stays.
"""

import datetime
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings

logger = logging.getLogger(__name__)

CURRENT = "temperature_2m,relative_humidity_2m,weather_code,wind_speed_10m"
TIME_ZONE = "Asia/Ho_Chi_Minh"

# WMO weather interpretation codes, as Open-Meteo documents them, in Vietnamese.
SKY = {
    0: "Trời quang",
    1: "Ít mây",
    2: "Mây rải rác",
    3: "Nhiều mây",
    45: "Sương mù",
    48: "Sương mù đóng băng",
    51: "Mưa phùn nhẹ",
    53: "Mưa phùn",
    55: "Mưa phùn dày",
    56: "Mưa phùn lạnh",
    57: "Mưa phùn lạnh dày",
    61: "Mưa nhỏ",
    63: "Mưa vừa",
    65: "Mưa to",
    66: "Mưa lạnh",
    67: "Mưa lạnh nặng hạt",
    71: "Tuyết rơi nhẹ",
    73: "Tuyết rơi",
    75: "Tuyết rơi dày",
    77: "Hạt tuyết",
    80: "Mưa rào nhẹ",
    81: "Mưa rào",
    82: "Mưa rào rất to",
    85: "Mưa tuyết",
    86: "Mưa tuyết dày",
    95: "Dông",
    96: "Dông kèm mưa đá",
    99: "Dông kèm mưa đá lớn",
}
# Values outside these bounds are a broken answer, not weather.
BOUNDS = {"temperature": (-60, 60), "humidity": (0, 100), "wind_speed": (0, 400)}


class WeatherError(Exception):
    """The weather service could not be read; the message says why."""


@dataclass
class Reading:
    temperature: Decimal
    humidity: int
    weather_code: int
    wind_speed: Decimal
    observed_at: datetime.datetime


def forecast_url(places):
    query = urlencode(
        {
            "latitude": ",".join(str(p.latitude) for p in places),
            "longitude": ",".join(str(p.longitude) for p in places),
            "current": CURRENT,
            "timezone": TIME_ZONE,
        }
    )
    return f"{settings.WEATHER_API_URL.rstrip('/')}/v1/forecast?{query}"


def fetch(places):
    """Return one Reading or WeatherError per place, in order, from one request."""
    url = forecast_url(places)
    request = urllib.request.Request(  # noqa: S310 - an http(s) URL from settings
        url, headers={"User-Agent": "HoangMaiPortal/1.0 (weather)"}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.WEATHER_TIMEOUT
        ) as response:
            body = response.read(1_000_000)
    except urllib.error.HTTPError as error:
        raise WeatherError(f"máy chủ thời tiết trả lời {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise WeatherError(f"không kết nối được máy chủ thời tiết: {error}") from error
    try:
        data = json.loads(body)
    except ValueError as error:
        raise WeatherError("câu trả lời không phải JSON hợp lệ") from error
    # One place gives an object; several give a list, one object per place.
    items = data if isinstance(data, list) else [data]
    if len(items) != len(places):
        raise WeatherError(f"câu trả lời có {len(items)} địa điểm, cần {len(places)}")
    return [_reading(item) for item in items]


def _reading(item):
    try:
        current = item["current"]
        reading = Reading(
            temperature=_number(current["temperature_2m"], "temperature"),
            humidity=int(_number(current["relative_humidity_2m"], "humidity")),
            weather_code=int(current["weather_code"]),
            wind_speed=_number(current["wind_speed_10m"], "wind_speed"),
            observed_at=datetime.datetime.fromisoformat(current["time"]).replace(
                tzinfo=ZoneInfo(TIME_ZONE)
            ),
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        return WeatherError(f"số liệu thiếu hoặc sai: {error}")
    if reading.weather_code not in SKY:
        return WeatherError(f"mã thời tiết lạ: {reading.weather_code}")
    return reading


def _number(value, name):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} không phải là số: {value!r}")
    number = Decimal(str(value)).quantize(Decimal("0.1"))
    low, high = BOUNDS[name]
    if not low <= number <= high:
        raise ValueError(f"{name} = {value} nằm ngoài giới hạn hợp lý")
    return number
