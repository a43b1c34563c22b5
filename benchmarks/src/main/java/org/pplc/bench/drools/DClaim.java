package org.pplc.bench.drools;

/** The claim header as a Drools fact (Drools matches on getters). */
public final class DClaim {
    private final String payer;
    private final String plan;
    private final String setting;

    public DClaim(String payer, String plan, String setting) {
        this.payer = payer;
        this.plan = plan;
        this.setting = setting;
    }

    public String getPayer() { return payer; }

    public String getPlan() { return plan; }

    public String getSetting() { return setting; }
}
