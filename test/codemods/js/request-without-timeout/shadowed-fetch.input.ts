export function make(fetch: (u: string) => Promise<string>) {
  return (u: string) => fetch(u);
}
