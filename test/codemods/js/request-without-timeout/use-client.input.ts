'use client';

export const loadCart = () => fetch('/api/cart');
