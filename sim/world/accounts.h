#pragma once
// Flows between the region and the rest of the world (province, centre, other
// regions, abroad). Every yuan that enters or leaves the region's accounts is one of
// these; everything else moves between accounts inside the region. The stock-flow
// test checks sum(accounts) changes by exactly inflows - outflows every month.
namespace prosim {

struct RestOfWorld {
  // This month's flows, yuan.
  double exports = 0;              // purchases of the region's firm output
  double farm_sales = 0;           // farm output sold out of the region
  double village_rents = 0;        // rents and returns paid to village collectives from outside
  double transfers_in = 0;         // provincial/central transfers to counties
  double interest = 0;             // interest on household deposits, paid by the banking system
  double land_rents = 0;           // rent for farm land leased out by relocated households
  double remittances = 0;          // sent home by household members working outside the region
  double external_income = 0;      // residents' other income from outside (calibrated per county)
  double migrant_savings_in = 0;   // savings brought by in-migrant households arriving from outside
  double imports_households = 0;   // household purchases from outside the region
  double imports_firms = 0;        // firms' intermediate inputs and fixed costs
  double capital_income_out = 0;   // return to capital owned outside the region (County::capital_share)
  double remittances_out = 0;      // sent home (outside the region) by in-migrant households
  double migrant_savings_out = 0;  // savings taken away by in-migrant households leaving the region

  double inflow() const { return exports + farm_sales + village_rents + transfers_in + interest + land_rents + remittances +
                          external_income + migrant_savings_in; }
  double outflow() const { return imports_households + imports_firms + capital_income_out + remittances_out + migrant_savings_out; }
  void clear() { *this = RestOfWorld{}; }
};

}  // namespace prosim
