import fs from 'fs';

export function addUser(name: string) {
  const users = JSON.parse(fs.readFileSync('users.json', 'utf8'));
  users.push({ name, bio: `line one
line two` });
  fs.writeFileSync('users.json', JSON.stringify(users));
}
