"""DHIS2-compatible data exchange: /api/dataValueSets, /api/dataValues and the metadata DHIS2
clients read first (/api/organisationUnits, /api/dataElements, /api/me, /api/system/info).
The mapping and the differences from DHIS2 are in docs/dhis2.md."""
