from .catalog import Category, Product
from .orders import Order, OrderItem

__all__ = ["Category", "Product", "Order", "OrderItem"]
