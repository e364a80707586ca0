// office-addin-mock only needs these names at import time; the real package cannot load under jest.
module.exports = { OfficeApp: {}, readManifestFile: async () => ({}) };
