// Admin helpers that run shell commands built from the caller's values (the codemod's input).
const { exec, execSync } = require('child_process');
const child_process = require('child_process');

function listFolder(folder) {
  return new Promise((resolve) => {
    exec(`ls -1 ${folder}`, (err, stdout) => resolve(err ? null : stdout.split('\n').filter(Boolean)));
  });
}

function readNote(file) {
  return execSync(`cat ${file}`, { encoding: 'utf8' });
}

function greet(name) {
  return new Promise((resolve) => {
    child_process.exec(`echo hello ${name}`, (err, stdout) => resolve(stdout.trim()));
  });
}

module.exports = { listFolder, readNote, greet };
