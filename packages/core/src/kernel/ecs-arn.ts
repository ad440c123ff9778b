/** Cluster and service names from a service ARN (the short ARN format has no cluster: "default"). */
export const serviceNamesOf = (serviceArn: string): { cluster: string; service: string } => {
  const path = serviceArn.slice(serviceArn.indexOf(":service/") + ":service/".length).split("/");
  return path.length === 2 ? { cluster: path[0], service: path[1] } : { cluster: "default", service: path[0] };
};
