def async_dispatch(async_impl):
    def decorate(fn):
        return fn

    return decorate
