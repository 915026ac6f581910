package io.tolk.app.e2e;

/** The kinds of record the sync model works with: F1 (company customer ⇄ Account) and F3 (person customer ⇄ Contact). */
enum ModelKind {
    COMPANY("CompanyCustomer", "Accounts"),
    PERSON("PersonCustomer", "Contacts");

    /** tolk's PowerOffice record type. */
    final String poType;
    /** The Zoho module. */
    final String module;

    ModelKind(String poType, String module) {
        this.poType = poType;
        this.module = module;
    }

    static ModelKind ofModule(String module) {
        return module.equals("Accounts") ? COMPANY : PERSON;
    }
}
