from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_db

router = APIRouter()


@router.get("/invoices")
def invoices(customer: str, db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT id, total FROM invoices WHERE customer = '{customer}'")).all()  # expect: sql-string-format


@router.get("/invoices/{invoice_id}")
def invoice(invoice_id: str, db: Session = Depends(get_db)):
    row = db.execute(text(f"SELECT * FROM invoices WHERE id = {invoice_id}")).first()  # expect: sql-string-format
    return dict(row._mapping)
