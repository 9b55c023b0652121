#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { runCli } from './program.js';
import { registerDatabaseCommands } from './commands/db.js';
import { registerInterview } from './commands/interview.js';
import { registerReviews } from './commands/reviews.js';

const code = await runCli(process.argv.slice(2), processIo, [registerInterview, registerReviews, registerDatabaseCommands]);
process.exitCode = code;
