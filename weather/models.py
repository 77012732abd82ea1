from django.db import models


class Place(models.Model):
    """A place of the weather widget ("Thời tiết các vùng")."""

    name = models.CharField("tên địa điểm", max_length=100)
    latitude = models.DecimalField("vĩ độ", max_digits=8, decimal_places=5)
    longitude = models.DecimalField("kinh độ", max_digits=8, decimal_places=5)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        db_table = "portal_place"  # from when weather was part of the project app
        ordering = ["order", "pk"]
        verbose_name = "địa điểm thời tiết"
        verbose_name_plural = "địa điểm thời tiết"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_on_earth",
                violation_error_message="Tọa độ không hợp lệ.",
            )
        ]

    def __str__(self):
        return self.name


class WeatherReading(models.Model):
    """The latest good reading of a place; a bad answer never replaces it."""

    place = models.OneToOneField(
        Place, on_delete=models.CASCADE, related_name="reading", verbose_name="địa điểm"
    )
    temperature = models.DecimalField("nhiệt độ (°C)", max_digits=4, decimal_places=1)
    humidity = models.PositiveSmallIntegerField("độ ẩm (%)")
    weather_code = models.PositiveSmallIntegerField("mã thời tiết WMO")
    wind_speed = models.DecimalField("gió (km/h)", max_digits=5, decimal_places=1)
    observed_at = models.DateTimeField("thời điểm đo")
    fetched_at = models.DateTimeField("lấy về lúc", auto_now=True)
    # Made up by the demo loader; the first real reading replaces it.
    sample = models.BooleanField(
        "số liệu mẫu",
        default=False,
        help_text="Số liệu mẫu của bản trình diễn, không phải số đo thật.",
    )

    class Meta:
        db_table = "portal_weatherreading"
        verbose_name = "số liệu thời tiết"
        verbose_name_plural = "số liệu thời tiết"

    def __str__(self):
        return f"{self.place}: {self.temperature} °C"
