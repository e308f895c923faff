from .base import *  # noqa

REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = "api.pagination.DefaultPagination"
