// The services' MongoDB user, created once by the official mongo image on the first start of an
// empty data volume (/docker-entrypoint-initdb.d, run by mongosh as the root user, before the
// replica set starts). readWrite on the services' own databases and nothing else: no user
// administration, no other database. The password comes from the container's environment
// (MONGODB_APP_PASSWORD in docker-compose.yml, required there).
const password = process.env.MONGODB_APP_PASSWORD;
if (!password) {
  throw new Error('MONGODB_APP_PASSWORD is not set: the services could not log in');
}
db.getSiblingDB('admin').createUser({
  user: 'frontera',
  pwd: password,
  roles: ['employers', 'permits', 'audits'].map((name) => ({ role: 'readWrite', db: name })),
});
