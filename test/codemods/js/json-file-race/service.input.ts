import * as fs from 'fs';
import lockfile from 'proper-lockfile';

export class CartStore {
  constructor(private readonly dir: string) {}

  async add(userId: string, item: string): Promise<void> {
    const file = `${this.dir}/${userId}.json`;
    const cart = JSON.parse((await fs.promises.readFile(file)).toString());
    cart.items.push(item);
    await fs.promises.writeFile(file, JSON.stringify(cart));
  }
}
