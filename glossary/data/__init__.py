"""Packaged data: curated pinyin readings, traditional-form overrides, stoplists."""
