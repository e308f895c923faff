#!/usr/bin/env node
"use strict";
const fs = require("fs");
const path = require("path");

const STORE = path.join(__dirname, "store.json");

function add(key, value) {
	const store = JSON.parse(fs.readFileSync(STORE, "utf8"));
	store[key] = value;
	fs.writeFileSync(STORE, JSON.stringify(store));
}

add(process.argv[2], process.argv[3]);
