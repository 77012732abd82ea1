from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "weather"
    verbose_name = "Thời tiết"
