from .models import Preference, Stock


# the exact shape: one update_or_create
def set_preference(user, key, value):
    pref = Preference.objects.filter(user=user, key=key).first()  # expect: check-then-create
    if pref:
        pref.value = value
        pref.save()
    else:
        Preference.objects.create(user=user, key=key, value=value)


# the row is used afterwards: it stays bound
def set_theme(user, theme):
    pref = Preference.objects.filter(user=user, key="theme").first()  # expect: check-then-create
    if pref is not None:
        pref.value = theme
        pref.save()
    else:
        pref = Preference.objects.create(user=user, key="theme", value=theme)
    return pref.value


# the branches write different values: reported, no rewrite
def restock(sku, qty):
    stock = Stock.objects.filter(sku=sku).first()  # expect: check-then-create
    if stock:
        stock.quantity = stock.quantity + qty
        stock.save()
    else:
        Stock.objects.create(sku=sku, quantity=qty)
