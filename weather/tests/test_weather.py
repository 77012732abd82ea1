"""refresh_weather against a fake Open-Meteo on 127.0.0.1: real HTTP, real client."""

import datetime
import io
import json
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo.weather import load_places
from weather.models import Place, WeatherReading

pytestmark = pytest.mark.django_db


def current(temperature=24.5, humidity=80, code=3, wind=9.4, time_="2026-11-26T19:45"):
    return {
        "latitude": 21.0,
        "longitude": 105.8,
        "current": {
            "time": time_,
            "interval": 900,
            "temperature_2m": temperature,
            "relative_humidity_2m": humidity,
            "weather_code": code,
            "wind_speed_10m": wind,
        },
    }


class FakeOpenMeteo(BaseHTTPRequestHandler):
    """Answers /v1/forecast with whatever the test put in `answer`."""

    answer = (200, [])
    delay = 0
    requests = []

    def do_GET(self):
        FakeOpenMeteo.requests.append(self.path)
        time.sleep(self.delay)
        status, body = self.answer
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def open_meteo(settings):
    FakeOpenMeteo.answer, FakeOpenMeteo.delay, FakeOpenMeteo.requests = (200, []), 0, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenMeteo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WEATHER_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.WEATHER_TIMEOUT = 1
    yield FakeOpenMeteo
    server.shutdown()
    server.server_close()


@pytest.fixture
def places(db):
    Place.objects.create(
        name="Hà Nội", latitude="21.0285", longitude="105.8542", order=1
    )
    Place.objects.create(
        name="Đà Nẵng", latitude="16.0544", longitude="108.2022", order=2
    )
    Place.objects.create(
        name="TP Hồ Chí Minh", latitude="10.8231", longitude="106.6297", order=3
    )
    return list(Place.objects.all())


def refresh():
    call_command("refresh_weather", stdout=io.StringIO())


def test_good_answer_stores_a_reading_per_place_in_one_request(open_meteo, places):
    open_meteo.answer = (
        200,
        [current(24.5), current(27.1, code=1), current(31.3, 66, 95)],
    )
    refresh()
    assert len(open_meteo.requests) == 1
    query = parse_qs(urlsplit(open_meteo.requests[0]).query)
    assert query["latitude"] == ["21.02850,16.05440,10.82310"]
    assert query["current"] == [
        "temperature_2m,relative_humidity_2m,weather_code,wind_speed_10m"
    ]
    assert query["timezone"] == ["Asia/Ho_Chi_Minh"]
    temps = list(
        WeatherReading.objects.order_by("place__order").values_list(
            "temperature", flat=True
        )
    )
    assert temps == [Decimal("24.5"), Decimal("27.1"), Decimal("31.3")]
    reading = WeatherReading.objects.get(place__name="Hà Nội")
    assert timezone.localtime(reading.observed_at).strftime("%H:%M") == "19:45"


@pytest.mark.parametrize(
    ("answer", "delay", "reason"),
    [
        ((500, {"error": True}), 0, "trả lời 500"),
        ((404, b"not found"), 0, "trả lời 404"),
        ((200, b"{not json"), 0, "không phải JSON"),
        ((200, [current()]), 0, "có 1 địa điểm, cần 3"),
        ((200, {"reason": "quota"}), 0, "có 1 địa điểm, cần 3"),
        ((200, []), 2, "không kết nối được"),
    ],
)
def test_failures_keep_the_good_readings_and_exit_non_zero(
    open_meteo, places, answer, delay, reason
):
    open_meteo.answer = (200, [current(20), current(21), current(22)])
    refresh()
    open_meteo.answer, open_meteo.delay = answer, delay
    with pytest.raises(CommandError, match=reason):
        refresh()
    temps = set(WeatherReading.objects.values_list("temperature", flat=True))
    assert temps == {Decimal(20), Decimal(21), Decimal(22)}


@pytest.mark.parametrize(
    "bad",
    [
        current(temperature=300),
        current(humidity=140),
        current(wind=-3),
        current(code=1234),
        current(temperature="hot"),
        current(temperature=None),
        {"current": {"time": "2026-11-26T19:45"}},
        {"hourly": {}},
    ],
)
def test_absurd_or_partial_values_are_skipped_for_that_place_only(
    open_meteo, places, bad
):
    open_meteo.answer = (200, [current(20), current(21), current(22)])
    refresh()
    open_meteo.answer = (
        200,
        [
            bad,
            current(25, time_="2026-11-26T20:00"),
            current(26, time_="2026-11-26T20:00"),
        ],
    )
    with pytest.raises(CommandError, match="Bỏ qua số liệu lỗi: Hà Nội"):
        refresh()
    temps = list(
        WeatherReading.objects.order_by("place__order").values_list(
            "temperature", flat=True
        )
    )
    assert temps == [Decimal(20), Decimal(25), Decimal(26)]


def test_no_places_is_not_an_error(open_meteo, db):
    refresh()
    assert open_meteo.requests == []


def test_widget_shows_readings_in_vietnamese_with_the_time(client, places):
    observed = timezone.now() - datetime.timedelta(minutes=20)
    WeatherReading.objects.create(
        place=places[0],
        temperature=Decimal("24.5"),
        humidity=78,
        weather_code=61,
        wind_speed=Decimal("9.4"),
        observed_at=observed,
    )
    html = client.get("/").content.decode()
    assert "Thời tiết các vùng" in html
    assert "24,5°C" in html and "Mưa nhỏ" in html and "Độ ẩm 78%" in html
    assert f'datetime="{observed.isoformat()}' not in html  # local time
    assert timezone.localtime(observed).strftime("%d/%m/%Y | %H:%M") in html
    assert "CC BY 4.0" in html and "Open-Meteo" in html
    assert "Chưa có dữ liệu" in html  # Đà Nẵng and TP Hồ Chí Minh have none yet


def test_old_reading_is_shown_as_out_of_date(client, places, settings):
    settings.WEATHER_MAX_AGE_MINUTES = 60
    WeatherReading.objects.create(
        place=places[0],
        temperature=20,
        humidity=70,
        weather_code=0,
        wind_speed=5,
        observed_at=timezone.now() - datetime.timedelta(hours=3),
    )
    assert "Số liệu cũ, đo lúc" in " ".join(client.get("/").text.split())


def test_no_reading_at_all_says_so(client, places):
    assert "Chưa có dữ liệu thời tiết" in client.get("/").content.decode()


def test_pages_never_call_the_weather_service(client, places, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a page called the network")

    monkeypatch.setattr("urllib.request.urlopen", no_network)
    monkeypatch.setattr("socket.create_connection", no_network)
    load_places()
    assert client.get("/").status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    # The places come with their readings, in one statement.
    read = [q["sql"] for q in queries.captured_queries]
    assert sum('"portal_place"' in sql for sql in read) == 1


def test_seed_demo_stores_a_reading_for_the_three_cities(client):
    call_command("seed_demo", stdout=io.StringIO())
    html = client.get("/").content.decode()
    for city in ["Hà Nội", "Đà Nẵng", "TP Hồ Chí Minh"]:
        assert city in html
    assert "Chưa có dữ liệu thời tiết" not in html
    assert "Số liệu cũ" not in html
    # Made up by the demo: said to be samples, with no time, not credited to
    # Open-Meteo.
    widget = html.split('id="thoi-tiet"', 1)[1].split("</section>", 1)[0]
    assert widget.count("Số liệu mẫu") == 4  # each city, and the note below
    assert "Open-Meteo" not in widget and "<time" not in widget


def test_the_first_real_reading_replaces_the_sample_and_its_label(open_meteo, client):
    load_places()
    assert WeatherReading.objects.filter(sample=True).count() == 3
    # Open-Meteo's reading is of the quarter hour: older than the sample's stamp.
    observed = timezone.localtime().replace(second=0, microsecond=0)
    observed -= datetime.timedelta(minutes=observed.minute % 15 + 15)
    open_meteo.answer = (
        200,
        [current(20.5, time_=observed.strftime("%Y-%m-%dT%H:%M"))] * 3,
    )
    refresh()
    assert (
        list(WeatherReading.objects.values_list("sample", "temperature"))
        == [(False, Decimal("20.5"))] * 3
    )
    widget = client.get("/").content.decode().split('id="thoi-tiet"', 1)[1]
    assert "Số liệu mẫu" not in widget
    assert "Đo lúc" in widget and f"{observed:%d/%m/%Y | %H:%M}</time>" in widget
    assert "Open-Meteo.com" in widget and "CC BY 4.0" in widget
