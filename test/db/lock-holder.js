// Test helper run as a child process: takes SQLite's write lock on the database file given as the
// first argument, says 'locked', and commits when the parent sends 'release'.
const Database = require('better-sqlite3');

const db = new Database(process.argv[2]);
db.exec('begin immediate');
process.send('locked');
process.on('message', (message) => {
  if (message !== 'release') return;
  db.exec('commit');
  db.close();
  process.send('released', () => process.disconnect());
});
