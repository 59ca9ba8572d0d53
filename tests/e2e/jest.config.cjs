const { projectJestConfig } = require('../../tools/jest/project-config.cjs');

module.exports = projectJestConfig(__dirname);
