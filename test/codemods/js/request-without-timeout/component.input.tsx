import axios from 'axios';

export function Cart() {
  const load = () => fetch('/api/cart').then(() => axios.get('/api/user'));
  return <button onClick={load}>Load</button>;
}
