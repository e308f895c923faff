import * as cors from 'cors';
import * as express from 'express';

const server = express();
server.use(cors({ origin: "*", methods: 'GET,HEAD,PUT,PATCH,POST,DELETE' })); // expect: cors-wildcard
