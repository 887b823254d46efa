# One-off script (issue 14, 2026-12-07): turned the 58-edge network of e78b18f into the coast
# network of data/nodes.csv and data/edges.csv. Kept for the record of how distances and the
# coast-hugging costs were computed; do not rerun on the current files (it removes and adds edges).
import csv, math, io, sys
nodes_in = list(csv.DictReader(open('/work/main/data/nodes.csv')))
edges_in = list(csv.DictReader(open('/work/main/data/edges.csv')))
REP = "assumption: representative point for map display"
nodes = []
for n in nodes_in:
    n = dict(n); n['country'] = ''
    nodes.append(n)
def add(id, kind, country, name, region, lat, lon, source):
    nodes.append(dict(id=id, kind=kind, country=country, name=name, region=region, lat=lat, lon=lon, source=source))
# Belize (figures come separately)
add('BLZ','country','','Belize','central_america',17.25,-88.77,REP)
C = "assumption: landfall and territorial waters; representative point for map display; "
coasts = [
 ('COL_pacific','COL',"Colombia's Pacific coast (Tumaco, Buenaventura, Nariño and Cauca rivers)",'andean',2.5,-78.5,"departures of go-fasts and semi-submersibles to the eastern Pacific (UNODC 2012, Transnational Organized Crime in Central America and the Caribbean: a Threat Assessment)"),
 ('COL_caribbean','COL',"Colombia's Caribbean coast (Urabá, Cartagena, Santa Marta, La Guajira)",'andean',10.4,-75.5,"departures to the Caribbean and container ports to Europe (UNODC 2012 TOCTA Central America)"),
 ('ECU_pacific','ECU',"Ecuador's coast (Esmeraldas, Manta, Guayaquil)",'andean',-1.0,-80.5,"fishing ports and container port of Guayaquil"),
 ('PER_pacific','PER',"Peru's Pacific ports (Callao, Chimbote, Paita)",'andean',-9.0,-78.6,"ports and fishing vessels"),
 ('VEN_caribbean','VEN',"Venezuela's Caribbean coast (Falcón, Sucre, Orinoco delta)",'andean',11.0,-68.0,"departures by go-fast and containers"),
 ('PAN_pacific','PAN',"Panama's Pacific coast and waters (Darién, Las Perlas, Azuero)",'central_america',7.8,-80.0,"refuelling and landing of Pacific go-fasts"),
 ('PAN_caribbean','PAN',"Panama's Caribbean coast and waters (Colón, San Blas, Bocas del Toro)",'central_america',9.4,-79.5,"coast-hugging go-fasts from Urabá"),
 ('CRI_pacific','CRI',"Costa Rica's Pacific coast and waters (Guanacaste, Puntarenas)",'central_america',9.6,-84.9,"landing and refuelling"),
 ('CRI_caribbean','CRI',"Costa Rica's Caribbean coast (Limón)",'central_america',10.0,-83.0,"port of Limón and coast"),
 ('NIC_pacific','NIC',"Nicaragua's Pacific coast",'central_america',12.0,-86.9,"landing and refuelling"),
 ('NIC_caribbean','NIC',"Nicaragua's Caribbean coast (RAAN, RAAS, Corn Islands)",'central_america',13.0,-83.6,"remote coast used for refuelling and landings"),
 ('HND_pacific','HND',"Honduras's Gulf of Fonseca",'central_america',13.3,-87.6,"landing in the Gulf of Fonseca"),
 ('HND_caribbean','HND',"Honduras's Caribbean coast (La Mosquitia, Colón)",'central_america',15.8,-84.5,"main landfall of Caribbean go-fasts and aircraft c. 2010-2012 (UNODC 2012 TOCTA Central America)"),
 ('SLV_pacific','SLV',"El Salvador's coast",'central_america',13.3,-88.9,"landing on the Pacific coast"),
 ('GTM_pacific','GTM',"Guatemala's Pacific coast (Escuintla, San Marcos)",'central_america',13.9,-91.0,"landing of Pacific go-fasts"),
 ('GTM_caribbean','GTM',"Guatemala's Caribbean coast (Izabal)",'central_america',15.7,-88.6,"port and coast of Izabal"),
 ('BLZ_caribbean','BLZ',"Belize's coast and cayes",'central_america',17.5,-88.2,"coast, cayes and airstrips near the coast"),
 ('MEX_pacific','MEX',"Mexico's Pacific coast (Chiapas to Michoacán)",'north_america',16.5,-98.5,"landing of go-fasts and semi-submersibles"),
 ('MEX_gulf','MEX',"Mexico's Gulf coast (Veracruz, Tamaulipas)",'north_america',20.5,-97.0,"ports of Veracruz and Tamaulipas"),
 ('MEX_yucatan','MEX',"Mexico's Yucatán coast (Quintana Roo)",'north_america',19.5,-87.5,"landing on the Yucatán peninsula"),
 ('DOM_coast','DOM',"Hispaniola's south coast (Dominican Republic)",'caribbean',18.2,-70.5,"landing of go-fasts and air drops from Venezuela and Colombia"),
 ('JAM_coast','JAM',"Jamaica's coast",'caribbean',17.9,-77.0,"landing on the south coast"),
 ('USA_puerto_rico','USA',"Puerto Rico and the US Virgin Islands",'north_america',18.2,-66.5,"US customs territory reached from the eastern Caribbean"),
 ('USA_florida','USA',"Florida and the Gulf coast of the United States",'north_america',25.8,-80.5,"landfall of the Caribbean approach"),
]
for id, c, name, region, lat, lon, why in coasts:
    add(id,'coast',c,name,region,lat,lon,C+why)
add('west_africa','corridor','',"West Africa transit (Guinea-Bissau, Guinea, Senegal, Ghana)",'corridor',10.0,-15.0,
    "assumption: representative point for map display; transit of cocaine to Europe via West Africa from the mid-2000s (UNODC 2013, Transnational Organized Crime in West Africa: a Threat Assessment)")
pos = {n['id']:(float(n['lat']),float(n['lon'])) for n in nodes}
def gc(a,b):
    (la1,lo1),(la2,lo2)=pos[a],pos[b]
    p1,p2=math.radians(la1),math.radians(la2); dl=math.radians(lo2-lo1)
    d=math.acos(min(1,math.sin(p1)*math.sin(p2)+math.cos(p1)*math.cos(p2)*math.cos(dl)))
    return 6371*d
removed = set()
def rm(a,b): removed.add(frozenset((a,b)))
for a,b in [('COL','eastern_pacific'),('ECU','eastern_pacific'),('PER','eastern_pacific'),
            ('COL','western_caribbean'),('VEN','western_caribbean'),('PAN','western_caribbean'),
            ('VEN','eastern_caribbean'),('COL','eastern_caribbean'),
            ('VEN','atlantic'),('COL','atlantic'),('DOM','atlantic')]: rm(a,b)
for c in ['PAN','CRI','NIC','HND','SLV','GTM','MEX']: rm('eastern_pacific',c)
for c in ['CRI','NIC','HND','GTM','JAM','MEX']: rm('western_caribbean',c)
for c in ['DOM','JAM','USA']: rm('eastern_caribbean',c)
edges=[]
for e in edges_in:
    if frozenset((e['from'],e['to'])) in removed: continue
    edges.append(e)
LAND = "assumption: distance_km is the great-circle distance between representative points x1.3 (road); cost_usd_per_kg: truck or boat from the coast inland, excluding seizure risk and bribes, scaled from the existing land legs (80-300 USD/kg for a border crossing); transit_days from length and mode; "
SEA_COAST = "assumption: distance_km is the great-circle distance between representative points; cost_usd_per_kg = 50 + 0.2 x km for a go-fast hugging the coast, cheaper per km than the open sea (small boats, local refuelling; the existing open-sea legs' 300-1000 USD/kg per leg of 500-2000 km), excluding seizure risk; transit_days = km / 600 (a go-fast covers 600 km a day with refuelling stops), at least 1; "
SEA_OFF = "assumption: distance_km is the great-circle distance between representative points; cost_usd_per_kg: the offshore leg of the route it replaces (the former corridor-to-country leg, 300-1000 USD/kg per sea leg), excluding seizure risk; transit_days from length; "
AIR = "assumption: distance_km is the great-circle distance; cost_usd_per_kg: light-aircraft or courier flight as the existing air legs (500-1500 USD/kg), excluding seizure risk; "
def E(a,b,mode,cost,days,note,factor=1.0,base=''):
    d = gc(a,b)*factor
    edges.append({'from':a,'to':b,'mode':mode,'distance_km':str(int(round(d,-1))),'cost_usd_per_kg':str(int(cost)),'transit_days':str(days),'source':base+note})
def coast_sea(a,b,note):
    d=gc(a,b); E(a,b,'sea',round(50+0.2*d,-1),max(1,round(d/600)),note,base=SEA_COAST)
# departures inland -> coast
for a,b,c,note in [('COL','COL_pacific',120,'cocaine from the labs of Nariño, Cauca and Antioquia to the Pacific rivers and coast'),
                   ('COL','COL_caribbean',120,'to Urabá, the Sierra Nevada and container ports'),
                   ('ECU','ECU_pacific',60,'to Esmeraldas, Manta and Guayaquil'),
                   ('PER','PER_pacific',100,'from the VRAEM and Huallaga to the ports'),
                   ('VEN','VEN_caribbean',80,'from Apure and Zulia to the coast'),
                   ('PAN','PAN_pacific',80,'landing to the Pan-American Highway'),('PAN','PAN_caribbean',60,'Colón free zone and port'),
                   ('CRI','CRI_pacific',80,'landing to the highway'),('CRI','CRI_caribbean',80,'Limón to the highway'),
                   ('NIC','NIC_pacific',80,'landing to the highway'),('NIC','NIC_caribbean',150,'remote coast without roads: by river and boat'),
                   ('HND','HND_pacific',60,'Gulf of Fonseca to the highway'),('HND','HND_caribbean',150,'La Mosquitia without roads: by river, airstrip and boat'),
                   ('SLV','SLV_pacific',40,'coast to the highway'),('GTM','GTM_pacific',60,'Escuintla and San Marcos to the highway'),('GTM','GTM_caribbean',80,'Izabal to Petén and the highway'),
                   ('BLZ','BLZ_caribbean',40,'coast and cayes to the highway'),
                   ('MEX','MEX_pacific',150,'Pacific coast to the north by road'),('MEX','MEX_gulf',100,'Gulf ports to the north-east border'),('MEX','MEX_yucatan',200,'Yucatán to the north by road'),
                   ('DOM','DOM_coast',40,'south coast to Santo Domingo'),('JAM','JAM_coast',30,'coast to Kingston and the airports'),
                   ('USA','USA_puerto_rico',800,'Puerto Rico to the mainland by air courier and container (US customs territory: no border check)'),
                   ('USA','USA_florida',100,'Florida to the national market by road')]:
    mode='land'
    E(a,b,mode,c,1,note,1.3,LAND)
# departures coast -> offshore corridors
for a,b,c,days,note in [('COL_pacific','eastern_pacific',300,2,'go-fasts and semi-submersibles to the open Pacific'),
                        ('ECU_pacific','eastern_pacific',350,2,'fishing vessels and go-fasts'),
                        ('PER_pacific','eastern_pacific',500,3,'fishing vessels'),
                        ('COL_caribbean','western_caribbean',250,2,'go-fasts to the western Caribbean'),
                        ('COL_caribbean','eastern_caribbean',350,2,'go-fasts from La Guajira'),
                        ('VEN_caribbean','western_caribbean',350,2,'go-fasts from Falcón'),
                        ('VEN_caribbean','eastern_caribbean',250,2,'go-fasts and air drops from Sucre'),
                        ('PAN_caribbean','western_caribbean',250,1,'from the San Blas coast')]:
    E(a,b,'sea',c,days,note,base=SEA_OFF)
# offshore landings
for a,b,c,days,note in [('eastern_pacific','PAN_pacific',350,2,'formerly eastern_pacific-PAN at 400'),
                        ('eastern_pacific','CRI_pacific',450,2,'formerly eastern_pacific-CRI at 500'),
                        ('eastern_pacific','NIC_pacific',500,2,'formerly eastern_pacific-NIC at 550'),
                        ('eastern_pacific','HND_pacific',550,3,'formerly eastern_pacific-HND at 600'),
                        ('eastern_pacific','SLV_pacific',600,3,'formerly eastern_pacific-SLV at 650'),
                        ('eastern_pacific','GTM_pacific',650,3,'formerly eastern_pacific-GTM at 700'),
                        ('eastern_pacific','MEX_pacific',800,5,'formerly eastern_pacific-MEX at 900'),
                        ('western_caribbean','CRI_caribbean',350,2,'formerly western_caribbean-CRI at 400'),
                        ('western_caribbean','NIC_caribbean',350,2,'formerly western_caribbean-NIC at 400'),
                        ('western_caribbean','HND_caribbean',350,2,'formerly western_caribbean-HND at 450'),
                        ('western_caribbean','GTM_caribbean',450,3,'formerly western_caribbean-GTM at 550'),
                        ('western_caribbean','BLZ_caribbean',450,3,'new: landings in Belize'),
                        ('western_caribbean','MEX_yucatan',650,4,'formerly western_caribbean-MEX at 800'),
                        ('western_caribbean','JAM_coast',400,2,'formerly western_caribbean-JAM at 450'),
                        ('eastern_caribbean','DOM_coast',350,2,'formerly eastern_caribbean-DOM at 400'),
                        ('eastern_caribbean','JAM_coast',350,2,'formerly eastern_caribbean-JAM at 400'),
                        ('eastern_caribbean','USA_puerto_rico',600,2,'go-fasts and air drops to Puerto Rico (part of the former eastern_caribbean-USA leg at 1500)'),
                        ('eastern_caribbean','USA_florida',1300,4,'long go-fast runs to Florida through the Bahamas (the former eastern_caribbean-USA leg at 1500)')]:
    E(a,b,'sea',c,days,note,base=SEA_OFF)
# coast-hugging chains
for a,b in [('ECU_pacific','COL_pacific'),('COL_pacific','PAN_pacific'),('PAN_pacific','CRI_pacific'),('CRI_pacific','NIC_pacific'),
            ('NIC_pacific','HND_pacific'),('HND_pacific','SLV_pacific'),('SLV_pacific','GTM_pacific'),('GTM_pacific','MEX_pacific'),
            ('VEN_caribbean','COL_caribbean'),('COL_caribbean','PAN_caribbean'),('PAN_caribbean','CRI_caribbean'),('CRI_caribbean','NIC_caribbean'),
            ('NIC_caribbean','HND_caribbean'),('HND_caribbean','GTM_caribbean'),('GTM_caribbean','BLZ_caribbean'),('BLZ_caribbean','MEX_yucatan'),
            ('MEX_yucatan','MEX_gulf')]:
    coast_sea(a,b,'coastal waters from '+a+' to '+b)
# land legs for Belize
E('BLZ','GTM','land',100,1,'Petén border crossings (Melchor de Mencos, Benque Viejo)',1.3,LAND)
E('BLZ','MEX','land',150,2,'Chetumal crossing into Quintana Roo and on to central Mexico',1.3,LAND)
E('air_bridge','BLZ','air',700,1,'landing on Belizean airstrips and roads (UNODC 2012 TOCTA Central America)',base=AIR)
# Atlantic: departures from coasts, West Africa transit
for a,c,note in [('COL_caribbean',1000,'containers from Cartagena, Santa Marta and Turbo'),
                 ('VEN_caribbean',900,'vessels and containers from Venezuelan ports')]:
    E(a,'atlantic','sea',c,10,note,base="assumption: distance_km is the great-circle distance; cost_usd_per_kg: transatlantic container or vessel leg incl. port-worker fees, excluding seizure risk (as the former COL-atlantic and VEN-atlantic legs); ")
E('DOM_coast','atlantic','sea',900,10,'containers from Dominican ports (the former DOM-atlantic leg)',base="assumption: distance_km is the great-circle distance; cost_usd_per_kg: transatlantic container leg, excluding seizure risk; ")
E('atlantic','west_africa','sea',400,5,'mother ships to the Bissau-Guinean and Guinean coast',base="assumption: distance_km is the great-circle distance; cost_usd_per_kg: the transatlantic leg ends off West Africa, excluding seizure risk; ")
E('west_africa','XEU','land',900,10,'onward to Europe by couriers on commercial flights, overland across the Sahel and by fishing vessels (UNODC 2013, Transnational Organized Crime in West Africa)',base="assumption: distance_km is the great-circle distance; cost_usd_per_kg: courier and overland legs, dearer than the direct container leg, excluding seizure risk; ")
E('VEN','west_africa','air',1500,1,'twin-engine and cargo aircraft from Apure and Zulia to West Africa (UNODC 2013 West Africa TOCTA)',base=AIR)
with open('/tmp/net/nodes.csv','w',newline='') as f:
    w=csv.DictWriter(f,fieldnames=['id','kind','country','name','region','lat','lon','source'],lineterminator='\n')
    w.writeheader(); [w.writerow(n) for n in nodes]
with open('/tmp/net/edges.csv','w',newline='') as f:
    w=csv.DictWriter(f,fieldnames=['from','to','mode','distance_km','cost_usd_per_kg','transit_days','source'],lineterminator='\n')
    w.writeheader(); [w.writerow(e) for e in edges]
print(len(nodes), len(edges))
