// shipguard-test: no-findings
// A React hook module: it runs inside components, in the browser.
import { useEffect, useState } from 'react';

export function useInvoiceCount(apiBase: string) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    fetch(`${apiBase}/invoices/count`)
      .then((res) => res.json())
      .then((body) => setCount(body.count));
  }, [apiBase]);
  return count;
}
