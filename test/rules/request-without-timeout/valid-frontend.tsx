// shipguard-test: no-findings
import { useEffect, useState } from 'react';

export function Rates() {
  const [rates, setRates] = useState<string[]>([]);
  useEffect(() => {
    fetch('/api/rates').then((r) => r.json()).then(setRates);
  }, []);
  return <ul>{rates.map((r) => <li key={r}>{r}</li>)}</ul>;
}
