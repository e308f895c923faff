from django.shortcuts import (
    get_object_or_404,
    redirect,
    render,
)

from shop.models import Coupon


def apply_coupon(request, code):
    coupon = get_object_or_404(Coupon, code=code.upper(), active=True)  # expect: unhandled-does-not-exist
    request.session["coupon"] = coupon.id
    return redirect("cart")


def coupon_page(request, code):
    return render(request, "coupon.html", {"coupon": get_object_or_404(Coupon, code=code)})  # expect: unhandled-does-not-exist
