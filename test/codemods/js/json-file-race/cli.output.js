#!/usr/bin/env node
"use strict";
const fs = require("fs");
const path = require("path");
const lockfile = require("proper-lockfile");
const writeFileAtomic = require("write-file-atomic");

const STORE = path.join(__dirname, "store.json");

function add(key, value) {
	const release = lockfile.lockSync(STORE, { realpath: false });
	try {
		const store = JSON.parse(fs.readFileSync(STORE, "utf8"));
		store[key] = value;
		writeFileAtomic.sync(STORE, JSON.stringify(store));
	} finally {
		release();
	}
}

add(process.argv[2], process.argv[3]);
