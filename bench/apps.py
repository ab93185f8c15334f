from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmarks' synthetic corpus (``generate_corpus``); no models."""

    name = "bench"
    verbose_name = "Benchmarks"
